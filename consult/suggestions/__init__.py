"""Similar published comments shown while a resident writes, so that they may support instead of repeating."""
