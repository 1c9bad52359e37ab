import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GIN index on lesson themes, for theme filters and their counts. Hand-written (GIN). Never edit once merged. */
export class LessonThemesIndex1795338000000 implements MigrationInterface {
  name = 'LessonThemesIndex1795338000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_lesson_themes" ON "lesson" USING gin ("themes")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_lesson_themes"`);
  }
}
