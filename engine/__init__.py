"""gdtui's engine: the mathematics behind every scene, in plain NumPy."""
