"""The readiness Django app (label `readiness`): agencies' readiness statements, measure snapshots,
draft findings letters and the area's population file. The analysis itself is `jtai.readiness`."""
