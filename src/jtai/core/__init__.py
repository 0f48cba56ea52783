"""Small, dependency-free building blocks shared by every analytical module."""
