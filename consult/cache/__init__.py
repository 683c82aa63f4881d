"""What every app process shares through the database: the page stamp and Litestar stores."""
