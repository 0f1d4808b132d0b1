"""The Entities window: the library's canonical entities, their aliases and mentions."""
