//! Output for people and scripts: terminal tables, CSV with stable columns, JSON Lines.
