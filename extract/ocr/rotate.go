package ocr

import "image"

// rotated returns gray turned deg degrees clockwise (90, 180 or 270), as
// orientation detection asks.
func rotated(gray *image.Gray, deg int) *image.Gray {
	w, h := gray.Rect.Dx(), gray.Rect.Dy()
	var out *image.Gray
	if deg == 180 {
		out = image.NewGray(image.Rect(0, 0, w, h))
	} else {
		out = image.NewGray(image.Rect(0, 0, h, w))
	}
	for y := 0; y < h; y++ {
		row := gray.Pix[y*gray.Stride : y*gray.Stride+w]
		for x, v := range row {
			switch deg {
			case 90: // (x, y) → (h-1-y, x)
				out.Pix[x*out.Stride+h-1-y] = v
			case 180:
				out.Pix[(h-1-y)*out.Stride+w-1-x] = v
			case 270: // (x, y) → (y, w-1-x)
				out.Pix[(w-1-x)*out.Stride+y] = v
			}
		}
	}
	return out
}
