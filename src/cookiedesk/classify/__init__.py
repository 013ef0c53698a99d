"""Knowing what each cookie is: KOmp3.net's own, an advertising company's, or other."""
