import { BaseConfig, IsSubjectToken } from '#runtime';
import { IsNotEmpty, IsString } from 'class-validator';

/** Environment of one agency node, validated once at boot by `validateConfig(NodeConfig)`. */
export class NodeConfig extends BaseConfig {
  /** Registry id of this node; it names the node on every subject, so it must be a subject token. */
  @IsSubjectToken()
  NODE_ID: string;

  /** Path of the file holding this node's nkey seed (`SU…`), the key it signs with. */
  @IsString()
  @IsNotEmpty()
  NODE_SEED_FILE: string;

  // Validated by BaseConfig; the node only gives it a default.
  override HTTP_PORT: number = 3000;
}
