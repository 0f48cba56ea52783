"""Multi-agency case audit: audits of chosen children against the evaluation criteria."""
