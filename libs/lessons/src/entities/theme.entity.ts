import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A theme lessons are tagged with. The starting list ships with the node; a hub can add more. */
@Entity({ name: 'theme' })
export class ThemeEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_theme' })
  key!: string;

  @Column({ type: 'text' })
  label!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
