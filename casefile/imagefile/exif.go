package imagefile

import (
	"bytes"
	"encoding/binary"
)

// Orientation is the EXIF orientation tag (0x0112) of a JPEG (APP1 Exif
// segment), PNG (eXIf chunk) or TIFF, 1 to 8, or 1 when there is none or it
// cannot be read. Only the first IFD is read; a damaged one is ignored,
// never trusted past its bounds.
func Orientation(data []byte) int {
	var tiff []byte
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8")):
		tiff = jpegExif(data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		tiff = pngExif(data)
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		tiff = data
	}
	if o := tiffOrientation(tiff); o >= 1 && o <= 8 {
		return o
	}
	return 1
}

// jpegExif finds the TIFF block of the first APP1 "Exif" segment before
// the image data.
func jpegExif(data []byte) []byte {
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return nil
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD9 || marker == 0xDA { // end of image, start of scan
			return nil
		}
		if marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 { // no length
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i += 2 + n
	}
	return nil
}

// pngExif finds the eXIf chunk before the image data.
func pngExif(data []byte) []byte {
	i := 8
	for i+8 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if n < 0 || i+12+n > len(data) || typ == "IDAT" {
			return nil
		}
		if typ == "eXIf" {
			return data[i+8 : i+8+n]
		}
		i += 12 + n
	}
	return nil
}

// tiffOrientation reads tag 0x0112 from a TIFF block's first IFD, or 0.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	off := int64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > int64(len(t)) {
		return 0
	}
	n := int64(bo.Uint16(t[off:]))
	for k := int64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // SHORT
			return int(bo.Uint16(t[e+8:]))
		}
	}
	return 0
}
