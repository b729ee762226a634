"""One module per input format; ``aimaq.stages.read`` walks the paths and dispatches to them."""
