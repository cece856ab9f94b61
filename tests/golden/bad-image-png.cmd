signlog summary testdata/bad/image.png
