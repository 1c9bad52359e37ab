import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The starting list of themes (libs/lessons/src/domain/taxonomy.ts, STARTING_THEMES), as data so a
 * hub can add more. Written by hand: a data migration. Never edit once merged.
 */
const THEMES: ReadonlyArray<[string, string]> = [
  ['falls', 'Falls'],
  ['pressure_ulcers', 'Pressure ulcers'],
  ['medication', 'Medication'],
  ['deteriorating_patient', 'Deteriorating patient'],
  ['safeguarding', 'Safeguarding'],
  ['suicide_self_harm', 'Suicide and self-harm'],
  ['maternity_neonatal', 'Maternity and neonatal'],
  ['infection', 'Infection prevention and control'],
  ['diagnosis', 'Diagnosis'],
  ['discharge_transfer', 'Discharge and transfer'],
  ['communication', 'Communication'],
  ['equipment_devices', 'Equipment and devices'],
  ['violence_aggression', 'Violence and aggression'],
  ['documentation', 'Documentation'],
  ['nutrition_hydration', 'Nutrition and hydration'],
  ['sepsis', 'Sepsis'],
  ['consent_capacity', 'Consent and mental capacity'],
  ['end_of_life', 'End of life care'],
];

export class SeedThemes1795337436762 implements MigrationInterface {
  name = 'SeedThemes1795337436762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [key, label] of THEMES) {
      await queryRunner.query(
        'INSERT INTO "theme" ("key", "label") VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [key, label],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "theme" WHERE "key" = ANY($1)', [
      THEMES.map(([key]) => key),
    ]);
  }
}
