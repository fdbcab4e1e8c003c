"""Function views that glue: validate, call a service or selector, render."""
