"""Validation: small rules with stable codes, and the engine that runs them all."""
