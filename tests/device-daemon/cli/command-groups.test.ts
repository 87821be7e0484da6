import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, registerCommands } from '../../../device-daemon/cli/command-groups';

const names = (program: Command) => program.commands.map((c) => c.name());

// kioskctl registers only the group of the command it runs: a group that registered a command its entry does
// not list would make that command unknown when run, and a listed command the group lacks would load nothing.
describe("kioskctl's command groups", () => {
  it('each group registers exactly the top-level commands it lists, and no command is in two groups', async () => {
    for (const group of COMMAND_GROUPS) {
      const program = new Command('kioskctl');
      (await group.register())(program);
      expect(names(program), group.commands.join(' ')).toEqual(group.commands);
    }
    const all = COMMAND_GROUPS.flatMap((g) => g.commands);
    expect(new Set(all).size).toBe(all.length);
  });

  it("a command's group alone when that command runs; every group, in order, for help, the version or an unknown name", async () => {
    const only = new Command('kioskctl');
    await registerCommands(only, ['outbox', 'status', '--db', 'x.db']);
    expect(names(only)).toEqual(['outbox', 'counters', 'audit', 'calendar']);
    for (const args of [[], ['--help'], ['-V'], ['help', 'card'], ['no-such-command']]) {
      const program = new Command('kioskctl');
      await registerCommands(program, args);
      expect(names(program), args.join(' ')).toEqual(COMMAND_GROUPS.flatMap((g) => g.commands));
    }
  });
});
