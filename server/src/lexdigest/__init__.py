"""lexdigest: cited extractive digests of several documents about one story."""
