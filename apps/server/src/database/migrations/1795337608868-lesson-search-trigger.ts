import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps `lesson.search` up to date with a trigger, and indexes it with GIN. Written by hand:
 * TypeORM expresses neither triggers nor GIN indexes. Never edit once merged.
 *
 * Weights: title A; summary and key learning points B; template sections C.
 */
export class LessonSearchTrigger1795337608868 implements MigrationInterface {
  name = 'LessonSearchTrigger1795337608868';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION lesson_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search :=
          setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
          setweight(to_tsvector('english', array_to_string(NEW.key_learning_points, ' ')), 'B') ||
          setweight(jsonb_to_tsvector('english', coalesce(NEW.sections, '{}'::jsonb), '["string"]'), 'C');
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER lesson_search_update BEFORE INSERT OR UPDATE OF title, summary, key_learning_points, sections
      ON lesson FOR EACH ROW EXECUTE FUNCTION lesson_search_vector()`);
    await queryRunner.query(`UPDATE lesson SET title = title`);
    await queryRunner.query(`CREATE INDEX "ix_lesson_search" ON "lesson" USING gin ("search")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_lesson_search"`);
    await queryRunner.query(`DROP TRIGGER lesson_search_update ON lesson`);
    await queryRunner.query(`DROP FUNCTION lesson_search_vector()`);
  }
}
