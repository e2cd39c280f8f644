"""frontline: geo."""
