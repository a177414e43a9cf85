//! Integration tests: the real binary on fixture files, outputs pinned with insta.
