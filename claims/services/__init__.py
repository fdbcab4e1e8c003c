"""The writes: each service is a function named <entity>_<action>, keyword-only, atomic."""
