return {
  x = = 1
}
