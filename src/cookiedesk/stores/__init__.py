"""Reading the browsers' cookie stores: one module per format, each with the same verbs."""
