import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Received lessons are indexed for search after they are stored, not in the same statement: a
 * trigger computing the vector and updating the GIN index made storing the slowest step of the
 * inbox (docs/benchmarks.md). The federation indexer fills `search` where it is NULL, using
 * `federation_lesson_search_of`. Written by hand. Never edit once merged.
 */
export class FederationLessonSearchAsync1795346000000 implements MigrationInterface {
  name = 'FederationLessonSearchAsync1795346000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER federation_lesson_search_update ON federation_lesson`);
    await queryRunner.query(`DROP FUNCTION federation_lesson_search_vector()`);
    await queryRunner.query(`
      CREATE FUNCTION federation_lesson_search_of(lesson jsonb) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, coalesce(lesson->>'name', '')), 'A') ||
               setweight(to_tsvector('english'::regconfig, coalesce(lesson->>'summary', '')), 'B') ||
               setweight(jsonb_to_tsvector('english'::regconfig, coalesce(lesson->'keyLearningPoints', '[]'::jsonb), '["string"]'), 'B') ||
               setweight(jsonb_to_tsvector('english'::regconfig, coalesce(lesson->'sections', '[]'::jsonb), '["string"]'), 'C')
      $$`);
    await queryRunner.query(
      `CREATE INDEX "ix_federation_lesson_unindexed" ON "federation_lesson" ("id") WHERE search IS NULL AND lesson IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_federation_lesson_unindexed"`);
    await queryRunner.query(`DROP FUNCTION federation_lesson_search_of(jsonb)`);
    await queryRunner.query(`
      CREATE FUNCTION federation_lesson_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search :=
          setweight(to_tsvector('english', coalesce(NEW.lesson->>'name', '')), 'A') ||
          setweight(to_tsvector('english', coalesce(NEW.lesson->>'summary', '')), 'B') ||
          setweight(jsonb_to_tsvector('english', coalesce(NEW.lesson->'keyLearningPoints', '[]'::jsonb), '["string"]'), 'B') ||
          setweight(jsonb_to_tsvector('english', coalesce(NEW.lesson->'sections', '[]'::jsonb), '["string"]'), 'C');
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER federation_lesson_search_update BEFORE INSERT OR UPDATE OF lesson
      ON federation_lesson FOR EACH ROW EXECUTE FUNCTION federation_lesson_search_vector()`);
  }
}
