package gofpdi
