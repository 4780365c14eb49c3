#!/bin/sh
echo "prisma migrate is not available offline; use npm run db:migrate (scripts/migrate.ts)" >&2
exit 1
