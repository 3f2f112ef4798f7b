"""Operations, the first page after sign-in, and the counts that summarise the system."""
