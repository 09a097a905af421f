//! Stage 5 · report: turns a finished [`Run`](crate::Run) into text for people or machines.
