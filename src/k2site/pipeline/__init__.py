"""The pipeline: runs load -> parse -> resolve -> lint -> render -> write, spreading
pure work over worker processes."""
