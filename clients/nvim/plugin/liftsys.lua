-- Loaded at start-up when the plugin is on 'runtimepath' (a package under pack/*/start, or a plugin
-- manager): the :Liftsys* commands and highlight groups only. Nothing starts until
-- require('liftsys').setup() (Neovim 0.7 and later) or vim.lsp.enable('liftsys') (0.11 and later,
-- with lsp/liftsys.lua).
if vim.g.loaded_liftsys then
  return
end
vim.g.loaded_liftsys = true
require('liftsys').define()
