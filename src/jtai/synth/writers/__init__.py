"""Writers: one per file family, each turning simulated children into rows as of a date."""
