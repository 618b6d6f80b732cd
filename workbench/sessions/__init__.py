"""Sessions: the meetings at which texts are tabled and decided."""
