"""Client library of the lexdigest service."""
