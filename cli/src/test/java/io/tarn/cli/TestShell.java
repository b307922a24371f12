package io.tarn.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestShell {

    @Test
    void exitCommands() {
        assertTrue(Shell.isExitCommand("exit"));
        assertTrue(Shell.isExitCommand("  QUIT; "));
        assertTrue(Shell.isExitCommand("\\q"));
        assertFalse(Shell.isExitCommand("exit_code;"));
        assertFalse(Shell.isExitCommand("SELECT 'exit';"));
    }
}
