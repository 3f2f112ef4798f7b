"""Name and evidence matching: normalise, index, score and explain. Pure, no I/O."""
