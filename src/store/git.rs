//! What git knows about the person at the keyboard.

/// git's `user.name`, if git is installed and one is set.
pub fn user_name() -> Option<String> {
    let output = std::process::Command::new("git").args(["config", "user.name"]).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}
