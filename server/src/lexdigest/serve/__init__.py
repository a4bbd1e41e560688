"""The lexdigest server process: ports, workers, health, reflection, signals, metrics."""
