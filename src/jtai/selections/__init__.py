"""Selections: the tracked and sampled children drawn for audit, every swap, and the audit list.

A Django app. The draw itself is pure (`jtai.sampling`); `jtai.runs.sampling` finds the cohort and
calls the services here, which are the only writers of these models.
"""
