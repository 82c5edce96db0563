"""What a pull request changes and how its messages reach the reviewer: the check command, the change summary, GitHub annotations."""
