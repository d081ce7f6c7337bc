"""Everything that touches the organisation file: schema, migrations, repositories, backups,
dump and load. No Qt here."""
