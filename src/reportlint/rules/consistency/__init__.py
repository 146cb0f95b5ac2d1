"""Consistency rules: the prose, the tables and the copies of a table must agree."""
