"""An example reportlint plugin."""
