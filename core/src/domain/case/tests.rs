//! Case lifecycle scenarios, read like the seeds.
