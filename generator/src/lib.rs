//! Generator of closure programs: built by issue 3.
