import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps `federation_lesson.search` up to date with a trigger from the received lesson's JSON, and
 * indexes it with GIN. Written by hand: TypeORM expresses neither. Never edit once merged.
 *
 * Weights as for local lessons: title A; summary and key learning points B; sections C.
 */
export class FederationLessonSearch1795343593842 implements MigrationInterface {
  name = 'FederationLessonSearch1795343593842';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(
      `CREATE INDEX "ix_federation_lesson_search" ON "federation_lesson" USING gin ("search")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_federation_lesson_search"`);
    await queryRunner.query(`DROP TRIGGER federation_lesson_search_update ON federation_lesson`);
    await queryRunner.query(`DROP FUNCTION federation_lesson_search_vector()`);
  }
}
