"""Reports: the tables behind the dashboards, and their CSV files."""
