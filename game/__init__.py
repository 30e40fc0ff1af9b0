from game import native

native.choose()  # before any module of the package is imported: compiled, or their Python source
