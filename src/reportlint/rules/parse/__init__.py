"""Rules about reading the file at all."""
