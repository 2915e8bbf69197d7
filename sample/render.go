package sample

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"dossier/assets"
)

// canvassPDF draws a one-page canvassing sheet listing some residents of
// Kestrel Road with their phone numbers and a column for canvass results.
func canvassPDF() ([]byte, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true) // map order otherwise makes each run's bytes differ
	pdf.SetCreator("Dossier sample", true)
	pdf.SetCreationDate(sampleTime)
	pdf.SetModificationDate(sampleTime)
	pdf.AddUTF8FontFromBytes("dejavu", "", bytes.Clone(assets.FontRegular))
	pdf.AddUTF8FontFromBytes("dejavu", "B", bytes.Clone(assets.FontBold))
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	pdf.SetFont("dejavu", "B", 16)
	pdf.Cell(0, 10, "Northfield Forward: canvassing sheet")
	pdf.Ln(9)
	pdf.SetFont("dejavu", "", 10)
	pdf.Cell(0, 6, "Ward: Northfield Central and Eastbrook    Walk: Kestrel Road, Martineau Walk    Date: 6 June 2015")
	pdf.Ln(10)
	widths := []float64{32, 62, 40, 32, 24}
	pdf.SetFont("dejavu", "B", 9)
	for i, h := range []string{"UPRN", "Address", "Name", "Phone", "Result"} {
		pdf.CellFormat(widths[i], 7, h, "1", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("dejavu", "", 9)
	for _, r := range residents[:canvassed] {
		for i, v := range []string{r.UPRN, r.Address, r.Name, r.Phone, ""} {
			pdf.CellFormat(widths[i], 7, v, "1", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(6)
	pdf.SetFont("dejavu", "", 8)
	pdf.MultiCell(0, 4, "Results: F = for, A = against, U = undecided, N = not in. Return sheets to the committee room by Wednesday.", "", "L", false)
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// face returns a font face of the given size from the embedded TTF.
func face(ttf []byte, size float64) (font.Face, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

func drawText(dst draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// wrap breaks s into lines no wider than w pixels in face f.
func wrap(f font.Face, s string, w int) []string {
	var lines []string
	line := ""
	for _, word := range bytes.Fields([]byte(s)) {
		try := string(word)
		if line != "" {
			try = line + " " + string(word)
		}
		if font.MeasureString(f, try).Ceil() > w && line != "" {
			lines = append(lines, line)
			line = string(word)
		} else {
			line = try
		}
	}
	return append(lines, line)
}

// screenshot returns a PNG drawn like a phone's message screen showing
// message i.
func screenshot(i int) func() ([]byte, error) {
	return func() ([]byte, error) {
		m := messages[i]
		const W, H = 540, 960
		img := image.NewRGBA(image.Rect(0, 0, W, H))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		regular, err := face(assets.FontRegular, 24)
		if err != nil {
			return nil, err
		}
		bold, err := face(assets.FontBold, 28)
		if err != nil {
			return nil, err
		}
		small, err := face(assets.FontRegular, 18)
		if err != nil {
			return nil, err
		}
		grey := color.RGBA{0x66, 0x66, 0x66, 0xff}
		// Status bar and header with the sender as the phone shows it.
		draw.Draw(img, image.Rect(0, 0, W, 130), image.NewUniform(color.RGBA{0xf2, 0xf2, 0xf7, 0xff}), image.Point{}, draw.Src)
		drawText(img, small, color.Black, 20, 28, "09:41")
		drawText(img, small, color.Black, W-90, 28, "4G 72%")
		drawText(img, bold, color.Black, 20, 100, m.From)
		drawText(img, small, grey, W/2-110, 170, shownAt[i])
		// Incoming bubble.
		lines := wrap(regular, m.Body, 360)
		bh := 30*len(lines) + 30
		draw.Draw(img, image.Rect(20, 195, 420, 195+bh), image.NewUniform(color.RGBA{0xe5, 0xe5, 0xea, 0xff}), image.Point{}, draw.Src)
		for j, l := range lines {
			drawText(img, regular, color.Black, 38, 230+30*j, l)
		}
		drawText(img, small, grey, 20, H-30, fmt.Sprintf("To: %s", m.To))
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
}

// leafletJPEG draws a photo-like picture of an election leaflet on a
// doormat.
func leafletJPEG() ([]byte, error) {
	const W, H = 800, 600
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	// Doormat: brown with a woven texture.
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			v := 100 + (x*7+y*13)%23
			img.Set(x, y, color.RGBA{uint8(v), uint8(v * 3 / 4), uint8(v / 2), 0xff})
		}
	}
	draw.Draw(img, image.Rect(180, 80, 620, 540), image.NewUniform(color.RGBA{0xd7, 0x1f, 0x2a, 0xff}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(200, 300, 600, 520), image.NewUniform(color.White), image.Point{}, draw.Src)
	big, err := face(assets.FontBold, 44)
	if err != nil {
		return nil, err
	}
	reg, err := face(assets.FontRegular, 22)
	if err != nil {
		return nil, err
	}
	drawText(img, big, color.White, 215, 160, "VOTE")
	drawText(img, big, color.White, 215, 220, "PAT GREENE")
	drawText(img, reg, color.White, 215, 270, "Thursday 11 June")
	drawText(img, reg, color.Black, 220, 350, "Working hard for")
	drawText(img, reg, color.Black, 220, 385, "Martineau, Kestrel")
	drawText(img, reg, color.Black, 220, 420, "and Holloway estates")
	drawText(img, reg, color.Black, 220, 490, "Northfield Forward")
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
