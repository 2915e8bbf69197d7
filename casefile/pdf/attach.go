package pdf

import (
	"bytes"
	"context"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Attachment is a file embedded in a PDF.
type Attachment struct {
	Name string
	Data []byte
}

// maxAttachment bounds the bytes read of one embedded file.
const maxAttachment = 64 << 20

// Attachments lists the files embedded in a PDF (its EmbeddedFiles name
// tree), with their bytes. A PDF with none gives none and no error.
//
// pdfcpu reads them: pdfium's binding returns embedded files without
// their content.
func Attachments(ctx context.Context, data []byte) ([]Attachment, error) {
	var out []Attachment
	err := guard("read the attachments of the PDF", func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		pc, err := api.ReadContext(bytes.NewReader(data), pdfcpuConf())
		if err != nil {
			return fmt.Errorf("%w (%v)", ErrDamaged, err)
		}
		x := pc.XRefTable
		cat, err := x.Catalog()
		if err != nil {
			return fmt.Errorf("%w (%v)", ErrDamaged, err)
		}
		names, _ := x.DereferenceDict(cat["Names"])
		tree, _ := x.DereferenceDict(names["EmbeddedFiles"])
		var walk func(node types.Dict, depth int) error
		walk = func(node types.Dict, depth int) error {
			if node == nil || depth > 32 {
				return nil
			}
			arr, _ := x.DereferenceArray(node["Names"])
			for i := 0; i+1 < len(arr); i += 2 {
				a, err := embedded(x, arr[i], arr[i+1])
				if err != nil {
					return err
				}
				if a != nil {
					out = append(out, *a)
				}
			}
			kids, _ := x.DereferenceArray(node["Kids"])
			for _, k := range kids {
				kd, _ := x.DereferenceDict(k)
				if err := walk(kd, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		return walk(tree, 0)
	})
	return out, err
}

// embedded reads one entry of the EmbeddedFiles tree: its key and file
// specification. An entry without a file stream gives nil.
func embedded(x *model.XRefTable, key, spec types.Object) (*Attachment, error) {
	fs, err := x.DereferenceDict(spec)
	if err != nil || fs == nil {
		return nil, nil
	}
	name := ""
	for _, k := range []string{"UF", "F"} {
		if o, ok := fs.Find(k); ok {
			if s, err := x.DereferenceStringOrHexLiteral(o, model.V10, nil); err == nil && s != "" {
				name = s
				break
			}
		}
	}
	if name == "" {
		if s, err := x.DereferenceStringOrHexLiteral(key, model.V10, nil); err == nil {
			name = s
		}
	}
	ef, _ := x.DereferenceDict(fs["EF"])
	var o types.Object
	for _, k := range []string{"UF", "F"} {
		if v, ok := ef.Find(k); ok {
			o = v
			break
		}
	}
	if o == nil {
		return nil, nil
	}
	sd, _, err := x.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, fmt.Errorf("%w: attachment %s cannot be read (%v)", ErrDamaged, name, err)
	}
	if err := sd.Decode(); err != nil {
		return nil, fmt.Errorf("%w: attachment %s cannot be read (%v)", ErrDamaged, name, err)
	}
	if len(sd.Content) > maxAttachment {
		return nil, fmt.Errorf("%w: attachment %s is larger than %d MB", ErrLimit, name, maxAttachment>>20)
	}
	return &Attachment{Name: name, Data: bytes.Clone(sd.Content)}, nil
}
